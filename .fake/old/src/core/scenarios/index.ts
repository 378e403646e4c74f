export { BUILT_IN_SCENARIOS } from "./builtIn";
export { resolveBehavior, findScenario } from "./behavior";
