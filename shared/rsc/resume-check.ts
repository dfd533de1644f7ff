import type { FieldValues, Issue } from '../domain';
import { normalizeId } from '../values/ids';
import type { ResumeCheckInfo } from './context';
import { ruleSpec } from './rules';

/** A media URN is valid for 24 hours after it is obtained (the customer's required-fields table). */
const MEDIA_URN_TTL_MS = 24 * 60 * 60 * 1000;

function issue(rule: string, message: string): Issue {
  return { rule, field: 'media', severity: ruleSpec(rule)?.severity ?? 'error', message };
}

/**
 * `media` when the workspace has resumes attached ("Yes, if resume is available"): an application
 * without a resume needs none (the generic "expected when available" warning is dropped), one
 * whose resume has no valid URN yet is a warning (the sync uploads it), and a URN in the media
 * column that one of our uploads obtained more than 24 hours before the planned send is an error.
 * Format errors on the column stand as the field rules found them.
 */
export function applyResumeRules(values: FieldValues, issues: Issue[], resumes: ResumeCheckInfo): void {
  const id = normalizeId(values.atsJobApplicationId ?? null);
  const resume = id === null ? undefined : resumes.of(id);
  const media = typeof values.media === 'string' ? values.media.trim() : '';
  const at = issues.findIndex((i) => i.rule === 'available-missing' && i.field === 'media');
  if (at >= 0) issues.splice(at, 1);
  if (media !== '') {
    const obtainedAt = resumes.obtainedAt(media);
    if (obtainedAt !== undefined && obtainedAt + MEDIA_URN_TTL_MS <= resumes.plannedSendAt) {
      const hours = Math.floor((resumes.plannedSendAt - obtainedAt) / 3_600_000);
      issues.push(issue('media-urn-expired', `media ${media} was obtained ${hours} hours before the planned send; it expires after 24. Clear it: the attached resume is uploaded again when the application is sent.`));
    }
    return;
  }
  if (resume && !resume.uploaded) {
    issues.push(issue('media-not-uploaded', 'A resume is attached but not uploaded yet. The sync uploads it right before sending the application to LinkedIn.'));
  }
}
