const createdAtSeconds = 1_700_000_000;

// GET /v1/models is shared by OpenAI and Anthropic; the Anthropic SDK sends `anthropic-version`.
export function renderOpenAiModelList(models: string[]): unknown {
  return {
    object: 'list',
    data: models.map((id) => ({ id, object: 'model', created: createdAtSeconds, owned_by: 'llm-sim' })),
  };
}

export function renderAnthropicModelList(models: string[]): unknown {
  const createdAt = new Date(createdAtSeconds * 1000).toISOString();
  return {
    data: models.map((id) => ({ type: 'model', id, display_name: id, created_at: createdAt })),
    has_more: false,
    first_id: models[0] ?? null,
    last_id: models.at(-1) ?? null,
  };
}

export function renderGeminiModelList(models: string[]): unknown {
  return {
    models: models.map((id) => ({
      name: `models/${id}`,
      version: '001',
      displayName: id,
      inputTokenLimit: 1_048_576,
      outputTokenLimit: 65_536,
      supportedGenerationMethods: ['generateContent', 'countTokens'],
    })),
  };
}
