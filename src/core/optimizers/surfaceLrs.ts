/**
 * Per built-in surface, the learning rate of each preset whose own rate (tuned for Beale) diverges,
 * leaves the view or barely moves there. Written by `npm run tune:lrs` (bench/tuneSurfaceLrs.ts):
 * do not edit by hand.
 */
export const SURFACE_LRS: Readonly<Record<string, Readonly<Record<string, number>>>> = {
  elongated: {
    radam: 0.1,
  },
  booth: {
    adadelta: 3.2,
    radam: 0.1,
  },
  matyas: {
    adadelta: 3.2,
    radam: 1,
  },
  plateau: {
    sgd: 1,
    momentum: 0.095,
    nesterov: 0.095,
    newton: 0.001,
  },
  logistic_regression: {
    sgd: 1,
    newton: 0.032,
  },
  rosenbrock: {
    sgd: 0.001,
    momentum: 0.00095,
    nesterov: 0.00095,
    rmsprop: 0.005,
    adamax: 0.95,
    nadam: 0.032,
    newton: 0.32,
  },
  himmelblau: {
    newton: 0.001,
  },
  three_hump_camel: {
    sgd: 0.32,
    adamax: 0.95,
    newton: 0.032,
  },
  six_hump_camel: {
    newton: 0.32,
  },
  styblinski_tang: {
    adam: 3.2,
    adamw: 3.2,
    newton: 0.001,
  },
  goldstein_price: {
    sgd: 0.000032,
    momentum: 0.000003,
    nesterov: 0.0000095,
    radam: 0.00001,
    newton: 0.0032,
  },
  rastrigin: {
    sgd: 0.00032,
  },
  ackley: {
    sgd: 0.1,
    adagrad: 1.6,
    rmsprop: 0.16,
    adam: 1,
    adamw: 1,
    adadelta: 100,
    adamax: 0.95,
    nadam: 1,
    newton: 1,
  },
  weird_beast: {
    sgd: 0.32,
    adadelta: 32,
    radam: 0.032,
  },
};
