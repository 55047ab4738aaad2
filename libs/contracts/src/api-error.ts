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
}
