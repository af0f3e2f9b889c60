/** ARM replies before they are sent, and ARM's error body. */
export interface Reply {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

export function armError(
  status: number,
  code: string,
  message: string,
  headers?: Record<string, string>,
): Reply {
  return { status, body: { error: { code, message } }, headers };
}
