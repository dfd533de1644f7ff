import { syncMethods } from '../../../shared/contract/sync';
import { defineHandlers } from './define';

export const syncHandlers = defineHandlers(syncMethods, {});
