/** A REST-level error the routes turn into ArcGIS's `{"error":{...}}` envelope (HTTP 200). */
export class PortalError extends Error {
  readonly code: number;
  readonly details: string[];
  readonly messageCode: string | undefined;

  constructor(code: number, message: string, details: string[] = [], messageCode?: string) {
    super(message);
    this.name = 'PortalError';
    this.code = code;
    this.details = details;
    this.messageCode = messageCode;
  }
}

export function badRequest(message: string, details: string[] = [message]): PortalError {
  return new PortalError(400, message, details);
}
