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

/** Why the organization refused a change; the routes word it for the REST API. */
export type DomainReason =
  | 'budgeting-disabled'
  | 'budgeting-needs-credits'
  | 'invalid-amount'
  | 'duplicate-member'
  | 'empty-batch'
  | 'batch-too-large'
  | 'invalid-username'
  | 'username-taken'
  | 'invalid-range'
  | 'invalid-days';

/** A rule of the organization was broken; nothing was applied. Plain domain wording. */
export class DomainError extends Error {
  readonly reason: DomainReason;

  constructor(reason: DomainReason, message: string) {
    super(message);
    this.name = 'DomainError';
    this.reason = reason;
  }
}
