"""The app's widgets: each one shows or collects one thing and knows nothing about the network."""
