const plainArgument = /^[\w@%+=:,./-]+$/;

/**
 * argv as one line a POSIX shell would read back to the same arguments: anything beyond plain
 * characters is single-quoted, with `'` written as `'\''`. Tasks never go through a shell; this is display.
 */
export function formatCommandLine(command: readonly string[] | undefined): string {
  if (!command) return '';
  return command
    .map((argument) => (plainArgument.test(argument) ? argument : `'${argument.replaceAll("'", "'\\''")}'`))
    .join(' ');
}
