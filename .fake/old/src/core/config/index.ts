export { loadConfig } from "./load";
export { packageRoot } from "./packageRoot";
export { describeIssue, defaultsAsCommentedToml } from "./describe";
export { configKeys, envVarName, ERROR_STATUSES } from "./schema";
export type * from "./types";
