"""Reads a NIR file that spikewasm exported with h5py and compares every node, parameter and
edge with the spikewasm model file it was exported from (inputs as currents held for a step:
a projection's weights are the NIR weights). Prints "ok" or the first difference and exits 1.

usage: check_nir_file.py model.json model.nir"""
import json
import sys

import h5py
import numpy as np

NIR_PARAMS = {"tau", "r", "v_leak", "v_threshold", "v_reset", "tau_syn", "tau_mem", "w_in"}


def values(population, key):
    """A parameter of every neuron: one value (a number or a quantity string "0.0025 s"), or a list."""
    value = population["params"][key]
    if isinstance(value, list):
        return np.array(value, dtype=float)
    return np.full(population["size"], float(value.split()[0]) if isinstance(value, str) else float(value))


def check(model, f):
    assert f["version"][()].decode(), "no version"
    graph = f["node"]
    assert graph["type"][()] == b"NIRGraph", "the root is not a NIRGraph"
    nodes = graph["nodes"]
    kind = lambda name: nodes[name]["type"][()].decode()
    populations = {p["name"]: p for p in model["populations"]}
    for name, p in populations.items():
        if p["model"] == "spike_source":
            assert kind(name) == "Input", f"{name}: {kind(name)}, not Input"
            assert list(nodes[name]["shape"][()]) == [p["size"]], f"{name}: shape {nodes[name]['shape'][()]}"
            continue
        assert kind(name) in {"LIF", "CubaLIF", "IF", "LI", "CubaLI", "I"}, f"{name}: {kind(name)}"
        for key in set(p["params"]) & NIR_PARAMS:
            got = nodes[name][key][()]
            assert np.array_equal(got, values(p, key)), f"{name}/{key}: {got} != {values(p, key)}"
    expected = set()
    for j in model["projections"]:
        pre, post = j["pre"]["population"], j["post"]["population"]
        name = f"{pre}->{post}"
        assert kind(name) in {"Linear", "Affine"}, f"{name}: {kind(name)}"
        want = np.zeros((populations[post]["size"], populations[pre]["size"]))
        rule = j["rule"]
        for i, k, w in zip(rule["pre"], rule["post"], rule["weight"]):
            want[k, i] += w
        got = nodes[name]["weight"][()]
        assert np.array_equal(got, want), f"{name}/weight differs at {np.argwhere(got != want)[:3].tolist()}"
        if kind(name) == "Affine":
            assert np.array_equal(nodes[name]["bias"][()], values(populations[post], "i_bias")), f"{name}/bias"
        expected |= {(pre, name), (name, post)}
    edges = {(a.decode(), b.decode()) for a, b in graph["edges"][()]}
    outputs = {(a, b) for a, b in edges if kind(b) == "Output"}
    assert edges - outputs == expected, f"edges {sorted(edges - outputs)} != {sorted(expected)}"
    assert outputs and all(a in populations for a, _ in outputs), f"outputs {sorted(outputs)}"


try:
    check(json.load(open(sys.argv[1])), h5py.File(sys.argv[2], "r"))
except (AssertionError, KeyError) as e:
    print(f"differs: {e}")
    sys.exit(1)
print("ok")
