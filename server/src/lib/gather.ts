/**
 * Gathers what is asked while earlier asks are out, and answers them together in one call of
 * `run`: a storm of reconnections becomes a few statements instead of one each. A lone ask goes at
 * once; at most `inFlight` calls of `run` are out together, each with up to `most` asks. `run`
 * answers each ask in the order given; if it throws, every ask of its call fails with that error.
 */
export class Gather<Ask, Answer> {
  private readonly waiting: { ask: Ask; resolve: (a: Answer) => void; reject: (e: unknown) => void }[] = [];
  private out = 0;

  constructor(
    private readonly run: (asks: Ask[]) => Promise<Answer[]>,
    private readonly most: number,
    private readonly inFlight = 1,
  ) {}

  ask(ask: Ask): Promise<Answer> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ ask, resolve, reject });
      if (this.out < this.inFlight) void this.drain();
    });
  }

  private async drain() {
    this.out++;
    while (this.waiting.length) {
      const asks = this.waiting.splice(0, this.most);
      try {
        const answers = await this.run(asks.map((a) => a.ask));
        for (const [i, a] of asks.entries()) a.resolve(answers[i]!);
      } catch (err) {
        for (const a of asks) a.reject(err);
      }
    }
    this.out--;
  }
}
