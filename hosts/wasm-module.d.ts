// What a worker runtime (workerd) gives for `import kernel from './x.wasm'`: a compiled module.
declare module '*.wasm' {
  const module: WebAssembly.Module;
  export default module;
}
