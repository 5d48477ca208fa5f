import { ApiError, isErrorNamed } from "../api/errors";
import { ActionStoreError, type ActionStoreErrorCode } from "../settings/actions-store";

const STATUS_BY_CODE: Record<ActionStoreErrorCode, number> = {
  not_found: 404,
  duplicate_name: 409,
  not_callable: 409,
  too_many: 409,
  secret_missing: 422,
  invalid_action: 422,
  address_not_allowed: 422,
};

/** The actions store's refusals as API errors (404 unknown id, 409 duplicate name, 422 invalid definition…). */
export function actionApiError(error: unknown): unknown {
  return isErrorNamed<ActionStoreError>(error, "ActionStoreError") ? new ApiError(STATUS_BY_CODE[error.code], error.code, error.message) : error;
}

/** The request body as JSON, or a 400 that says so. */
export async function readJsonBody(request: Request): Promise<unknown> {
  return request.json().catch(() => {
    throw new ApiError(400, "invalid_json", "The body is not valid JSON.");
  });
}
