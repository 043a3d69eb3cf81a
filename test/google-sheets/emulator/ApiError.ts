/**
 * An error the emulator answers with, shaped like Google's (AIP-193):
 * `{ "error": { "code": 400, "message": "...", "status": "INVALID_ARGUMENT" } }`.
 */
export class ApiError extends Error {
  readonly httpStatus: number;
  readonly status: string;

  constructor(httpStatus: number, status: string, message: string) {
    super(message);
    this.httpStatus = httpStatus;
    this.status = status;
  }

  static invalid(message: string): ApiError {
    return new ApiError(400, 'INVALID_ARGUMENT', message);
  }

  static notEmulated(what: string): ApiError {
    return new ApiError(501, 'UNIMPLEMENTED', `The Sheets emulator does not implement ${what}.`);
  }

  body(): { error: { code: number; message: string; status: string } } {
    return { error: { code: this.httpStatus, message: this.message, status: this.status } };
  }
}
