"""numba decorators of the engine and a prefetch hint for the compiled step.

``_jit`` is ``@njit(cache=True, nogil=True)`` in float64 without fastmath (so compiled code gives the bits
the equations written out give); ``_jit_inline`` the same, inlined into its callers in numba's IR.
"""

from __future__ import annotations

from llvmlite import ir  # type: ignore[import-untyped]
from numba import njit, types
from numba.core.extending import intrinsic


def _jit(fn):
    """``@njit(cache=True, nogil=True)``; without the disk cache when numba finds no writable cache
    directory (it raises ``RuntimeError`` at decoration then)."""
    try:
        return njit(cache=True, nogil=True, fastmath=False)(fn)
    except RuntimeError:
        return njit(cache=False, nogil=True, fastmath=False)(fn)


def _jit_inline(fn):
    """:func:`_jit` inlined into its callers in numba's IR (``inline='always'``): a small helper called once
    per term or step, where a call would cost more than its work (LLVM does not always inline it). The caller
    runs the same operations in the same order, so the bits are the same."""
    try:
        return njit(cache=True, nogil=True, fastmath=False, inline="always")(fn)
    except RuntimeError:
        return njit(cache=False, nogil=True, fastmath=False, inline="always")(fn)


@intrinsic
def _prefetch(typingctx, arr, i):
    """A hint to the processor to bring element i (flat index) of the C-contiguous ``arr`` into the cache
    (LLVM's ``llvm.prefetch``: a read, kept close); it changes no value."""

    def codegen(context, builder, signature, args):
        ary = context.make_array(signature.args[0])(context, builder, args[0])
        i8p = ir.IntType(8).as_pointer()
        i32 = ir.IntType(32)
        fn = builder.module.declare_intrinsic(
            "llvm.prefetch", fnty=ir.FunctionType(ir.VoidType(), [i8p, i32, i32, i32])
        )
        ptr = builder.bitcast(builder.gep(ary.data, [args[1]]), i8p)
        builder.call(fn, [ptr, ir.Constant(i32, 0), ir.Constant(i32, 3), ir.Constant(i32, 1)])
        return context.get_dummy_value()

    return types.void(arr, i), codegen


@_jit_inline
def _prefetch_row(M, r):
    """:func:`_prefetch` row r of the C-contiguous matrix M, every 64-byte line of it."""
    N = M.shape[1]
    for q in range(0, N, 8):
        _prefetch(M, r * N + q)  # type: ignore[call-arg]  # typingctx is numba's
