export * from "./fields";
export * from "./request";
export * from "./schemaDepth";
