// The hub as a library: what embedders, benches and end-to-end tests start a node with.
export { type AvisoNode, type NodeConfig, type NodeOptions, startNode } from './compose.ts';
export { type Config, ConfigError, loadConfig } from './config.ts';
export { createLogger } from './lib/log.ts';
/** Room names, for tools that emit to the rooms the hub pushes to (the bench's raw-emit baseline). */
export { rooms } from './realtime/rooms.ts';
