/** Stored codes as the audit's reader sees them. */
export const SEVERITY_LABEL: Record<string, string> = { error: 'Error', warning: 'Warning', info: 'Info' };

export const STATUS_LABEL: Record<string, string> = {
  compliant: 'Compliant',
  warning: 'Warnings',
  error: 'Errors',
  unchecked: 'Not checked',
};

export const SYNC_LABEL: Record<string, string> = { succeeded: 'Synced', failed: 'Failed', pending: 'Pending' };
