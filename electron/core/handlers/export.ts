import { exportMethods } from '../../../shared/contract/export';
import { defineHandlers } from './define';

export const exportHandlers = defineHandlers(exportMethods, {});
