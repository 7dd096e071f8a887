// RFC 9457 problem documents as the API sends them (code, title, detail, errors, correlationId),
// and the client's own two: the network failed, or the answer was not a problem document.

export interface Problem {
  type?: string;
  code: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  errors?: Record<string, string[]>;
  correlationId?: string;
  /** The language the API wrote title and detail in (its Content-Language). */
  language?: string;
  [extension: string]: unknown;
}

/** Codes made by the client, shown with its own texts (there is no API text for them). */
export const NETWORK_ERROR = 'network-error';
export const UNEXPECTED_RESPONSE = 'unexpected-response';

export class ApiProblem extends Error {
  readonly problem: Problem;

  constructor(problem: Problem) {
    super(`${problem.code}: ${problem.detail ?? problem.title}`);
    this.name = 'ApiProblem';
    this.problem = problem;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The problem an error response carries; an answer that is not a problem still becomes one. */
export function toProblem(body: unknown, response: Response): Problem {
  const language = response.headers.get('Content-Language') ?? undefined;
  if (isRecord(body) && typeof body.code === 'string' && typeof body.title === 'string') {
    const errors = isRecord(body.errors)
      ? Object.fromEntries(Object.entries(body.errors).map(([field, messages]) => [
        field, Array.isArray(messages) ? messages.map(String) : [String(messages)],
      ]))
      : undefined;
    return {
      ...body,
      code: body.code,
      title: body.title,
      status: typeof body.status === 'number' ? body.status : response.status,
      detail: typeof body.detail === 'string' ? body.detail : undefined,
      correlationId: typeof body.correlationId === 'string'
        ? body.correlationId
        : response.headers.get('X-Correlation-Id') ?? undefined,
      errors,
      language,
    };
  }
  return {
    code: UNEXPECTED_RESPONSE,
    title: response.statusText || String(response.status),
    status: response.status,
    correlationId: response.headers.get('X-Correlation-Id') ?? undefined,
    language,
  };
}

export function networkProblem(error: unknown): Problem {
  return { code: NETWORK_ERROR, title: String(error), status: 0 };
}

export function isApiProblem(error: unknown): error is ApiProblem {
  return error instanceof ApiProblem;
}
