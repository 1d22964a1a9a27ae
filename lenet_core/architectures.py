"""The names of the LeNet-5 architectures and of their stages, without importing torch, so that the
command lines can print their help (and the app its window) before torch has loaded."""

STAGES = ("input", "C1", "S2", "C3", "S4", "C5", "F6", "output")
ARCHITECTURES = ("classic", "modern")
# The model used when nobody chose one: the one that reads realistic handwriting best and answers most
# honestly (benchmarks/bench_realistic.py: drawn, tablet and scanned digits, and non-digits; README).
DEFAULT_ARCH = "modern"
