"""PyTorch's bidirectional LSTM at the fused BiLSTM bench's shapes: the reference the bench's targets come from.

Prints one JSON line per configuration, like `bilstm.bench.ts`: training tokens/s (forward, a mean loss, backward
to the input and all weights) and inference tokens/s (forward only, no autograd), at the median of the timed
steps. `output` says what the training loss reads: `sequence` (the whole output, as the bench's layer does),
`last` (the last position, as the PyTorch tutorial's model) or `max` (max pooling over time).

Needs Python 3 with PyTorch (Debian: `apt-get install python3-torch libopenblas0-pthread`); nothing in the
project's tests uses it.

    python3 packages/bilstm/bench/pytorch-reference.py [--threads 2] [--steps 9] [--seq-len 256]
"""

import argparse
import json
import statistics
import time

import torch


def measure(batch, seq_len, embed, hidden, output, steps):
    torch.manual_seed(1)
    lstm = torch.nn.LSTM(embed, hidden, batch_first=True, bidirectional=True)
    x = torch.randn(batch, seq_len, embed, requires_grad=True)

    def train_step():
        lstm.zero_grad(set_to_none=True)
        x.grad = None
        out, _ = lstm(x)
        if output == "last":
            loss = out[:, -1, :].mean()
        elif output == "max":
            loss = out.max(dim=1).values.mean()
        else:
            loss = out.mean()
        loss.backward()

    def infer_step():
        with torch.no_grad():
            lstm(x)

    def tokens_per_sec(step):
        for _ in range(3):  # warm-up
            step()
        times = []
        for _ in range(steps):
            t0 = time.perf_counter()
            step()
            times.append(time.perf_counter() - t0)
        return batch * seq_len / statistics.median(times)

    return tokens_per_sec(train_step), tokens_per_sec(infer_step)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--steps", type=int, default=9)
    parser.add_argument("--seq-len", type=int, help="one sequence length instead of 256 and 64")
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    for batch, seq_len in [(64, args.seq_len)] if args.seq_len else [(64, 256), (64, 64)]:
        for output in ["sequence", "last", "max"]:
            train, infer = measure(batch, seq_len, 50, 128, output, args.steps)
            print(
                json.dumps(
                    {
                        "impl": "pytorch",
                        "torch": torch.__version__,
                        "output": output,
                        "batch": batch,
                        "seqLen": seq_len,
                        "embedDim": 50,
                        "hidden": 128,
                        "layers": 1,
                        "threads": args.threads,
                        "trainTokensPerSec": round(train),
                        "inferTokensPerSec": round(infer),
                    }
                ),
                flush=True,
            )


if __name__ == "__main__":
    main()
