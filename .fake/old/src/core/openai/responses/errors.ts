import { ApiError } from "../errors";

/** GET/DELETE of an id the store does not hold (never stored, deleted or evicted). */
export const responseNotFound = (id: string) =>
  new ApiError(404, `Response with id '${id}' not found.`, "invalid_request_error", null, null);

export const previousResponseNotFound = (id: string) =>
  new ApiError(
    400,
    `Previous response with id '${id}' not found.`,
    "invalid_request_error",
    "previous_response_id",
    "previous_response_not_found",
  );
