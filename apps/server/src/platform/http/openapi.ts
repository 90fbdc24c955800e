import type { SwaggerTransform } from '@fastify/swagger';
import { jsonSchemaTransform } from 'fastify-type-provider-zod';

type JsonSchema = Record<string, unknown>;

/**
 * The route contracts as the OpenAPI file shows them (Zod → JSON Schema by fastify-type-provider-zod),
 * with the media types the server really sends, which a JSON schema alone cannot say:
 *  - 204 has no body (no content);
 *  - a file download (`fileDownload`: a binary string) is its file's media type (`x-media-type`), not JSON;
 *  - errors (4XX/5XX) are application/problem+json.
 * A response with a `content` member is taken as is by @fastify/swagger.
 */
export const openApiTransform: SwaggerTransform = (input) => {
  const out = jsonSchemaTransform(input as Parameters<typeof jsonSchemaTransform>[0]);
  const response = (out.schema as { response?: Record<string, JsonSchema> } | undefined)?.response;
  if (!response) return out;
  const documented: Record<string, JsonSchema> = {};
  for (const [status, schema] of Object.entries(response)) documented[status] = documentResponse(status, schema);
  return { ...out, schema: { ...out.schema, response: documented } };
};

function documentResponse(status: string, schema: JsonSchema): JsonSchema {
  const description = typeof schema.description === 'string' ? schema.description : undefined;
  if (status === '204') return { type: 'null', ...(description ? { description } : {}) };
  if (schema.type === 'string' && schema.format === 'binary') {
    const mediaType = typeof schema['x-media-type'] === 'string' ? schema['x-media-type'] : 'application/octet-stream';
    const binary = { ...schema };
    delete binary['x-media-type']; // said by the media type itself
    return { description, content: { [mediaType]: { schema: binary } } };
  }
  if (/^[45]XX$/.test(status)) return { description, content: { 'application/problem+json': { schema } } };
  return schema;
}
