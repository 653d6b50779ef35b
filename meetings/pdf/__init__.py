"""The portal's PDFs: rendering its own documents (never touching the network), checking
uploaded papers by their content, and planning, rendering and assembling board packs."""
