"""A leaner hook for the CPU build of torch than pyinstaller-hooks-contrib's (which this one overrides).

The contrib hook collects every torch submodule and every data file: the C++ headers, test binaries
(torch/test, torch/bin), the test-suite helpers of torch.testing._internal, tensorboard and benchmark
utilities. The app needs none of them. What stays: all of torch's libraries and Python code except
the subpackages in `SKIP` (the self-test's inference and fine-tuning run prove the rest suffices).
Binaries are found exactly as contrib does, so a CUDA build would still be collected whole (the README
explains why the bundle uses the CPU build).
"""

from PyInstaller.utils.hooks import (
    PY_DYLIB_PATTERNS,
    collect_data_files,
    collect_dynamic_libs,
    collect_submodules,
)

# Never imported by the app or by `import torch` / training (checked with sys.modules after a run).
SKIP = (
    "torch.utils.tensorboard",
    "torch.utils.benchmark",
    "torch.utils.bottleneck",
    "torch.utils.hipify",
    "torch.contrib",
    "torch.onnx._internal.fx",
    "torch.distributed.elastic.agent",
    "torch._inductor.kernel",
    "torch._inductor.codegen.cuda",
    "torch._inductor.codegen.rocm",
    "torch._inductor.codegen.xpu",
)
# torch.testing._internal is the test suite's toolbox; `import torch` needs only these few of it.
TESTING_KEEP = (
    "torch.testing._internal",
    "torch.testing._internal.common_dtype",
    "torch.testing._internal.logging_tensor",
    "torch.testing._internal.distributed",
    "torch.testing._internal.distributed.fake_pg",
)


def keep(name: str) -> bool:
    if name.startswith("torch.testing._internal"):
        return name in TESTING_KEEP
    return not any(name == s or name.startswith(s + ".") for s in SKIP)


module_collection_mode = "pyz+py"  # TorchScript and torch._dynamo read Python sources at run time
warn_on_missing_hiddenimports = False

datas = collect_data_files(
    "torch",
    excludes=[
        "**/*.h",
        "**/*.hpp",
        "**/*.cuh",
        "**/*.lib",
        "**/*.cpp",
        "**/*.pyi",
        "**/*.cmake",
        "include/**",
        "share/**",
        "test/**",
        "testing/_internal/**",
        "utils/benchmark/**",
        "utils/tensorboard/**",
        "utils/hipify/**",
        "bin/**",
        "**/__pycache__/**",
    ],
)
hiddenimports = collect_submodules("torch", filter=keep)
binaries = [
    (src, dest)
    for src, dest in collect_dynamic_libs("torch", search_patterns=PY_DYLIB_PATTERNS + ["*.so.*"])
    # Test and example libraries of the C++ test suite.
    if not any(t in src for t in ("_test.", "backend_with_compiler", "aoti_custom_ops", "torchbind_test"))
]
binaries += collect_dynamic_libs("torch", search_patterns=["torch_shm_manager*"])  # torch.multiprocessing

# See contrib's hook: no symlinks from the top-level folder into torch/lib on Linux.
bindepend_symlink_suppression = ["**/torch/lib/*.so*"]
