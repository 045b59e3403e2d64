import type { DomainError } from '../model/errors.ts';
import { badRequest, PortalError } from '../model/errors.ts';
import { MAX_BATCH, MAX_CREDITS } from '../model/org.ts';

/**
 * The REST API's wording of the org's refusals: each names the request parameter or operation
 * involved, as ArcGIS Online's 400 envelopes do.
 */

/** The operation a refusal came from, so the message can name its parameter. */
export type Operation = 'assignUserCredits' | 'unassignUserCredits' | 'update' | 'usage' | 'demo';

const LIST_PARAM: Record<Operation, string> = {
  assignUserCredits: 'userAssignments',
  unassignUserCredits: 'usernames',
  update: 'defaultUserCreditAssignment',
  usage: 'startTime',
  demo: 'credits',
};

export function restError(error: DomainError, operation: Operation): PortalError {
  const param = LIST_PARAM[operation];
  switch (error.reason) {
    case 'budgeting-disabled':
      return badRequest(
        `Credit budgeting is not enabled for this organization; ${operation} is not allowed. Enable it first (portals/self/update creditAssignments=enabled).`,
      );
    case 'budgeting-needs-credits':
      return badRequest(error.message);
    case 'invalid-amount':
      return badRequest(`Invalid '${param}': ${error.message}`);
    case 'duplicate-member':
      return badRequest(
        `Invalid '${param}': ${error.message} Each username may appear once per request; nothing was assigned.`,
      );
    case 'empty-batch':
      return badRequest(
        operation === 'assignUserCredits'
          ? "Invalid 'userAssignments': at least one {username, credits} entry is required."
          : "Invalid 'usernames': at least one username is required.",
      );
    case 'batch-too-large':
      return badRequest(
        `Invalid '${param}': ${error.message.replace('at once', `per request (${MAX_BATCH})`)}`,
      );
    case 'invalid-username':
      return badRequest(`Invalid 'username': ${error.message}`);
    case 'username-taken':
      return badRequest(error.message);
    case 'invalid-range':
      return badRequest(`Invalid 'startTime'/'endTime'/'period': ${error.message}`);
    case 'invalid-days':
      return badRequest(`Invalid 'days': ${error.message}`);
  }
}

export function forbidden(): PortalError {
  return new PortalError(
    403,
    'You do not have permissions to access this resource or perform this operation.',
    [],
    'GWM_0003',
  );
}

export function userNotFound(): PortalError {
  return new PortalError(400, 'User not found.', ['User not found.'], 'COM_0003');
}

/** A credit amount parameter: finite, 0 to MAX_CREDITS, or -1 for "no limit". */
export function creditAmountProblem(name: string, value: number): PortalError | undefined {
  if (value === -1) return undefined;
  if (!Number.isFinite(value))
    return badRequest(`Invalid '${name}': ${String(value)} is not a finite number.`);
  if (value < 0)
    return badRequest(`Invalid '${name}': ${value} is negative; use a number ≥ 0, or -1 for no limit.`);
  if (value > MAX_CREDITS) {
    return badRequest(
      `Invalid '${name}': ${value} is above the maximum of ${MAX_CREDITS.toLocaleString('en-US')} credits.`,
    );
  }
  return undefined;
}
