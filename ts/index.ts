// The host-free core: give it the kernel (a WebAssembly.Module, bytes or a Response).
export { createSimulator, Simulator, type SimulatorOptions, type NetworkOptions, type LoadOptions } from './api/simulator.js';
export { Network, type ConnectOptions, type EquationModelOptions } from './api/network.js';
export { Population, PopulationRef, Projection, Monitor, type SynapseTable } from './api/handles.js';
export { SpikewasmError, type ErrorCode } from './errors.js';
export type { SpikeData, StateData, RateData, WeightData } from './api/monitors.js';
export type { StepInput, StepResult, CurrentInput, RateInput, SpikeInput } from './api/stream.js';
export { RealTimeMeter } from './api/realtime.js';
export { Readout, type ReadoutOptions, type TrainOptions, type TrainedReadout, type Label } from './api/readout.js';
export type { RidgeFit } from './api/ridge.js';
export { branchingRatio, type BranchingEstimate } from './api/branching.js';
export type * from './model/description.js';
export type { ModelName, ModelRegistry } from './model/neurons/registry.js';
export type { NeuronModel } from './model/neurons/model.js';
export type { BackendName, WasmSource } from './backends/backend.js';
export { rasterHash } from './io/raster-hash.js';
export { parseModel } from './io/model-file.js';
export { kernelsModule } from './api/kernels.js';
export { readSnapshot, SNAPSHOT_VERSION, type Snapshot } from './io/snapshot.js';
