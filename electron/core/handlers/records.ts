import { recordsMethods } from '../../../shared/contract/records';
import { defineHandlers } from './define';

export const recordsHandlers = defineHandlers(recordsMethods, {});
