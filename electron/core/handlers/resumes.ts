import { resumesMethods } from '../../../shared/contract/resumes';
import { defineHandlers } from './define';

export const resumesHandlers = defineHandlers(resumesMethods, {});
