export { loadChecklists } from './load.js';
export { validateChecklists, type ChecklistRefs } from './validate.js';
export {
  parseChecklist,
  type ChecklistDefinition,
  type ChecklistStep,
  type ChecklistOutcome,
} from './schema.js';
export type { ChecklistIssue } from './issues.js';
export { ChecklistService, type ChecklistServiceOptions, type DetectPii } from './service.js';
export { runKey, runRecordSchema, runProblem, RUN_TTL_MS, type RunRecord } from './run.js';
export { statsKey, type ChecklistStats } from './stats.js';
