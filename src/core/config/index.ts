export { loadConfig } from "./load";
export { packageRoot, builtInDefaultsPath } from "./packageRoot";
export { describeIssue, defaultsAsCommentedToml } from "./describe";
export { CONFIG_SCHEMA, TABLES, configKeys, envVarName, ERROR_STATUSES, MAX_DELAY_MS } from "./schema";
export type { KeySpec, TableName } from "./schema";
export type * from "./types";
