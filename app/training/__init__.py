"""The Train tab: collect labelled samples by drawing them, manage them, fine-tune the model on them."""
