/**
 * Types of the API as the server's contracts declare them, read from the generated OpenAPI types
 * (`npm run gen:api` → generated/schema.ts). Use these instead of writing a DTO by hand:
 *   type Worker = ResponseOf<'/api/workers/{id}', 'get'>;
 *   type NewWorker = BodyOf<'/api/workers', 'post'>;
 */
import type { components, paths } from './generated/schema';

export type { components, paths };
export type ApiPath = keyof paths;
type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
type Operation<P extends ApiPath, M extends Method> = NonNullable<paths[P][M]>;

/** The JSON body of a success answer (200 unless another status is named). */
export type ResponseOf<P extends ApiPath, M extends Method, S extends number = 200> =
  Operation<P, M> extends { responses: { [K in S]: { content: { 'application/json': infer T } } } } ? T : never;

/** The JSON request body. */
export type BodyOf<P extends ApiPath, M extends Method> =
  Operation<P, M> extends { requestBody?: { content: { 'application/json': infer T } } } ? T : never;

/** The query parameters; a 'true'/'false' flag may be given as a boolean (the client serialises it). */
export type QueryOf<P extends ApiPath, M extends Method> =
  Operation<P, M> extends { parameters: { query?: infer Q } } ? WithBooleanFlags<NonNullable<Q>> : never;
type WithBooleanFlags<Q> = {
  [K in keyof Q]: [Extract<Q[K], 'true' | 'false'>] extends [never] ? Q[K] : Exclude<Q[K], 'true' | 'false'> | boolean;
};

/** A named component schema (e.g. 'Problem'). */
export type Schema<N extends keyof components['schemas']> = components['schemas'][N];
