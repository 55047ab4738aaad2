/** One field that failed validation, named by its path in the request ("email", "items.0.name"). */
export interface FieldError {
  field: string;
  messages: string[];
}

/** The single JSON shape of every error the API returns. */
export interface ApiErrorBody {
  statusCode: number;
  error: string;
  message: string;
  details?: FieldError[];
  code?: ApiErrorCode;
}

/**
 * What a 409 is about, where a client acts on it: the school changed the item
 * since the parent's page was loaded (show what it marked, offer to confirm
 * anyway), or the person does not use Sferum/MAX (undo the opt-out first).
 */
export const API_ERROR_CODES = ['changed_by_school', 'opted_out'] as const;
export type ApiErrorCode = (typeof API_ERROR_CODES)[number];
