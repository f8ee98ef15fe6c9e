/** Why a tests.zip was refused; `code` is stable and goes to API clients as is. */
export type TestsIntakeErrorCode =
  | 'zip_invalid'
  | 'zip_absolute_path'
  | 'zip_path_traversal'
  | 'zip_invalid_file_name'
  | 'zip_symlink'
  | 'zip_special_file'
  | 'zip_encrypted'
  | 'zip_duplicate_entry'
  | 'zip_too_many_files'
  | 'zip_too_deep'
  | 'zip_file_too_large'
  | 'zip_too_large'
  | 'zip_bomb'
  | 'zip_size_mismatch'
  | 'tests_destination_exists';

export class TestsIntakeError extends Error {
  readonly code: TestsIntakeErrorCode;
  readonly details: Record<string, unknown>;

  constructor(code: TestsIntakeErrorCode, message: string, details: Record<string, unknown> = {}) {
    super(message);
    this.name = 'TestsIntakeError';
    this.code = code;
    this.details = details;
  }
}
