export { BUILT_IN_SCENARIOS, BUILT_IN_SCENARIO_NAMES } from "./builtIn";
export { resolveBehavior, findScenario } from "./behavior";
export { SCENARIO_SCHEMA } from "./parse";
