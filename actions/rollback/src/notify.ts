/** The JSON message the notify webhook receives. */
export interface RollbackNotice {
  environment: string;
  from: string | null;
  to: string | null;
  result: string;
  verified: boolean | null;
  durationSeconds: number;
  reason: string;
  runUrl: string | null;
}

/** Posts the notice; returns an error message instead of throwing, since a failed notification must not fail the rollback. */
export async function notify(url: string, notice: RollbackNotice, timeoutMs = 10_000): Promise<string | undefined> {
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(notice),
      signal: AbortSignal.timeout(timeoutMs),
    });
    await response.arrayBuffer();
    return response.ok ? undefined : `the webhook answered HTTP ${response.status}`;
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code;
    return `the webhook could not be reached${cause ? ` (${cause})` : `: ${error instanceof Error ? error.message : String(error)}`}`;
  }
}
