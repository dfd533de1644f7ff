/**
 * A media URN must outlive the run that sends it: the sync refreshes one that would lapse within
 * this margin, and the compliance check judges URNs at now + this margin (the planned send).
 */
export const PLANNED_SEND_MARGIN_MS = 60 * 60 * 1000;
