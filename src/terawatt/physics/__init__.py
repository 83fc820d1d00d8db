"""Pure, vectorized physics: SI floats in, SI floats out, numpy broadcasting, no I/O."""
