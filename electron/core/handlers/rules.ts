import { rulesMethods } from '../../../shared/contract/rules';
import { defineHandlers } from './define';

export const rulesHandlers = defineHandlers(rulesMethods, {});
