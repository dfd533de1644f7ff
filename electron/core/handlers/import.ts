import { importMethods } from '../../../shared/contract/import';
import { defineHandlers } from './define';

export const importHandlers = defineHandlers(importMethods, {});
