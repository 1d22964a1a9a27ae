"""Command-line entry points: `lenet-train` and `lenet-predict`."""
