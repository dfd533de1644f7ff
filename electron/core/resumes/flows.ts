import type { Db } from '../db/connection';
import { getSetting } from '../db/settings-table';
import { RESUME_FLOWS, type ResumeFlow } from '../../../shared/contract/resumes';
import { signedUrlUploader } from './signed-url-uploader';
import { DEFAULT_RESUME_FLOW, RESUME_FLOW_SETTING, type ResumeUploader } from './uploader';

/** Upload flows by the `resumes.flow` setting's value. Add the /rest attachments flow here. */
export const UPLOADERS: Record<ResumeFlow, ResumeUploader> = {
  'signed-url': signedUrlUploader,
};

export function readResumeFlow(db: Db): ResumeFlow {
  const value = getSetting(db, RESUME_FLOW_SETTING);
  return (RESUME_FLOWS as readonly string[]).includes(value ?? '') ? (value as ResumeFlow) : DEFAULT_RESUME_FLOW;
}
