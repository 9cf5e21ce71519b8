"""Writes own-schedules.json: the cases public-schedules.json does not pin down, computed with real
torch (python3-torch 1.13, float64 parameters, torch's default dtype left at float32 as in the
public file, which is what rounds ASGD's eta and mu). Same fields and loop as public-schedules.json:

    opt = <Optimizer>([p], **params); sched = <Scheduler>(opt, **schedule.params)
    for i in range(steps):
        record lr[i] (and momentum[i] for CyclicLR/OneCycleLR with cycle_momentum), trajectory[i], loss[i]
        opt.step(closure); evaluations[i] = closure calls so far
        sched.step()   (ReduceLROnPlateau: sched.step(loss[i]))

torch's portable kernels (ATEN_CPU_CAPABILITY=default: every multiply and add rounded separately, no
fused multiply-add), as for the public file. `--check` first replays public-schedules.json with this
very loop and stops unless it reproduces every number of it bit for bit.

Run: /usr/bin/python3 test-data/torch-reference/generate_own_schedules.py --check
"""
import json
import math
import os
import sys

os.environ.setdefault('ATEN_CPU_CAPABILITY', 'default')  # before torch is imported

import torch  # noqa: E402
from torch.optim import lr_scheduler  # noqa: E402

SURFACES = {
    'quadratic': 'x^2 + y^2',
    'elongated': '0.5*x^2 + 12.5*y^2',
    'rosenbrock': '(1 - x)^2 + 100*(y - x^2)^2',
    'beale': '(1.5 - x + x*y)^2 + (2.25 - x + x*y^2)^2 + (2.625 - x + x*y^3)^2',
    'himmelblau': '(x^2 + y - 11)^2 + (x + y^2 - 7)^2',
    'booth': '(x + 2*y - 7)^2 + (2*x + y - 5)^2',
}

# (id, surface, start, optimizer, params, schedule or None, steps)
CASES = [
    ('own01', 'rosenbrock', [-1.2, 1.0], 'LBFGS', {'lr': 0.5, 'max_iter': 5}, None, 20),
    ('own02', 'beale', [1.0, 1.5], 'LBFGS', {'lr': 1, 'max_iter': 10, 'max_eval': 6, 'history_size': 3, 'line_search_fn': 'strong_wolfe'}, None, 12),
    ('own03', 'himmelblau', [0.0, 0.0], 'LBFGS', {'lr': 0.1, 'max_iter': 3, 'history_size': 2}, {'name': 'StepLR', 'params': {'step_size': 5, 'gamma': 0.5}}, 25),
    ('own04', 'quadratic', [-1.5, 2.0], 'LBFGS', {'lr': 1, 'line_search_fn': 'strong_wolfe'}, None, 4),
    ('own05', 'beale', [1.0, 1.5], 'Rprop', {'lr': 0.05, 'etas': [0.3, 1.5], 'step_sizes': [1e-3, 0.2], 'maximize': False}, None, 100),
    ('own06', 'elongated', [-2.0, 1.0], 'ASGD', {'lr': 0.02, 'lambd': 0.01, 'alpha': 0.5, 't0': 5, 'weight_decay': 0.1}, {'name': 'ExponentialLR', 'params': {'gamma': 0.97}}, 80),
    ('own07', 'rosenbrock', [-1.5, 2.0], 'Adam', {'lr': 0.01}, {'name': 'OneCycleLR', 'params': {'max_lr': 0.05, 'total_steps': 120, 'pct_start': 0.25, 'three_phase': True}}, 120),
    ('own08', 'elongated', [-2.0, 1.0], 'RMSprop', {'lr': 0.01}, {'name': 'CyclicLR', 'params': {'base_lr': 0.001, 'max_lr': 0.02, 'step_size_up': 7, 'mode': 'exp_range', 'gamma': 0.98}}, 90),
    ('own09', 'rosenbrock', [-1.5, 2.0], 'Adam', {'lr': 0.02}, {'name': 'CyclicLR', 'params': {'base_lr': 0.005, 'max_lr': 0.05, 'step_size_up': 10, 'cycle_momentum': False}}, 100),
    ('own10', 'beale', [1.0, 1.5], 'SGD', {'lr': 0.02, 'momentum': 0.5}, {'name': 'ReduceLROnPlateau', 'params': {'factor': 0.5, 'patience': 2, 'cooldown': 3, 'min_lr': 0.003, 'threshold': 0.01, 'threshold_mode': 'abs'}}, 150),
    ('own11', 'quadratic', [-1.5, 2.0], 'SGD', {'lr': 0.1}, {'name': 'ReduceLROnPlateau', 'params': {'mode': 'max', 'factor': 0.9, 'patience': 0, 'eps': 0.005}}, 40),
    ('own12', 'booth', [-4.0, 4.0], 'SGD', {'lr': 0.05, 'momentum': 0.8}, {'name': 'SequentialLR', 'params': {'schedulers': [
        {'name': 'ConstantLR', 'params': {'factor': 0.2, 'total_iters': 4}},
        {'name': 'StepLR', 'params': {'step_size': 7, 'gamma': 0.6}},
        {'name': 'PolynomialLR', 'params': {'total_iters': 30, 'power': 1.5}}], 'milestones': [6, 20]}}, 60),
    ('own13', 'himmelblau', [0.0, 0.0], 'SGD', {'lr': 0.01, 'momentum': 0.9}, {'name': 'SequentialLR', 'params': {'schedulers': [
        {'name': 'LinearLR', 'params': {'start_factor': 0.1, 'total_iters': 10}},
        {'name': 'CyclicLR', 'params': {'base_lr': 0.002, 'max_lr': 0.012, 'step_size_up': 8}},
        {'name': 'MultiStepLR', 'params': {'milestones': [5, 5, 12], 'gamma': 0.5}},
        {'name': 'ExponentialLR', 'params': {'gamma': 0.9}}], 'milestones': [10, 40, 60]}}, 80),
    ('own14', 'rosenbrock', [-1.5, 2.0], 'Adam', {'lr': 0.05}, {'name': 'SequentialLR', 'params': {'schedulers': [
        {'name': 'CosineAnnealingWarmRestarts', 'params': {'T_0': 7, 'T_mult': 3, 'eta_min': 0.001}},
        {'name': 'OneCycleLR', 'params': {'max_lr': 0.08, 'epochs': 4, 'steps_per_epoch': 20, 'anneal_strategy': 'linear'}}], 'milestones': [30]}}, 100),
    ('own15', 'quadratic', [-1.5, 2.0], 'SGD', {'lr': 0.3}, {'name': 'ChainedScheduler', 'params': {'schedulers': [
        {'name': 'LinearLR', 'params': {'start_factor': 1.0, 'end_factor': 0.2, 'total_iters': 15}},
        {'name': 'MultiStepLR', 'params': {'milestones': [10, 20, 20], 'gamma': 0.7}},
        {'name': 'CosineAnnealingLR', 'params': {'T_max': 12, 'eta_min': 0.01}}]}}, 50),
    ('own16', 'elongated', [-2.0, 1.0], 'SGD', {'lr': 0.05, 'momentum': 0.9, 'nesterov': True}, {'name': 'CosineAnnealingLR', 'params': {'T_max': 20}}, 90),
    ('own17', 'beale', [1.0, 1.5], 'Rprop', {'lr': 0.01}, {'name': 'OneCycleLR', 'params': {'max_lr': 0.05, 'total_steps': 60, 'cycle_momentum': False}}, 60),
    ('own18', 'himmelblau', [0.0, 0.0], 'ASGD', {'lr': 0.01, 't0': 10, 'maximize': True}, None, 40),
]

EVALS = {'count': 0}


def function_of(formula):
    source = formula.replace('^', '**')
    return lambda x, y: eval(source, {'x': x, 'y': y})


def build_scheduler(opt, config):
    kind = getattr(lr_scheduler, config['name'])
    params = dict(config['params'])
    if config['name'] in ('SequentialLR', 'ChainedScheduler'):
        members = [build_scheduler(opt, member) for member in params.pop('schedulers')]
        if config['name'] == 'ChainedScheduler':
            return kind(members)
        return kind(opt, schedulers=members, **params)
    return kind(opt, **params)


def cycled_momentum(config):
    if config is None:
        return False
    own = config['name'] in ('CyclicLR', 'OneCycleLR') and config['params'].get('cycle_momentum', True)
    return own or any(cycled_momentum(m) for m in config['params'].get('schedulers', []))


def finite_or_none(v):
    return v if math.isfinite(v) else None


def run(case, start):
    _, surface, _, optimizer, params, schedule, steps = case
    f = function_of(SURFACES[surface])
    p = torch.tensor(start, dtype=torch.float64, requires_grad=True)
    opt = getattr(torch.optim, optimizer)([p], **params)
    sched = build_scheduler(opt, schedule) if schedule else None
    calls = {'n': 0}

    def closure():
        calls['n'] += 1
        opt.zero_grad()
        value = f(p[0], p[1])
        value.backward()
        return value

    out = {'trajectory': [], 'loss': [], 'lr': [], 'momentum': [], 'evaluations': [], 'diverged_at': None}
    for i in range(steps):
        group = opt.param_groups[0]
        out['lr'].append(group['lr'])
        out['momentum'].append(group['momentum'] if 'momentum' in group else group.get('betas', [None])[0])
        with torch.no_grad():
            loss = f(p[0], p[1]).item()
        position = p.tolist()
        out['trajectory'].append(position)
        out['loss'].append(loss)
        if not all(math.isfinite(v) for v in position + [loss]):
            out['diverged_at'] = i
            break
        opt.step(closure)
        out['evaluations'].append(calls['n'])
        if sched is None:
            pass
        elif isinstance(sched, lr_scheduler.ReduceLROnPlateau):
            sched.step(loss)
        else:
            sched.step()
    else:
        out['trajectory'].append(p.tolist())
    return out


def check_public(here):
    with open(os.path.join(here, 'public-schedules.json')) as handle:
        public = json.load(handle)
    for c in public:
        SURFACES.setdefault(c['surface'], c['formula'])
        out = run((c['id'], c['surface'], c['start'], c['optimizer'], c['params'], c.get('schedule'), c['steps']), c['start'])
        trajectory = [[finite_or_none(v) for v in row] for row in out['trajectory']]
        same = (trajectory == c['trajectory'] and out['lr'] == c['lr'] and out['evaluations'] == c['evaluations']
                and out['diverged_at'] == c['diverged_at'] and ('momentum' not in c or out['momentum'] == c['momentum']))
        if not same:
            sys.exit(f'{c["id"]}: this loop does not reproduce public-schedules.json')
    print(f'reproduced all {len(public)} public cases bit for bit')


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    if '--check' in sys.argv:
        check_public(here)
    cases = []
    for case in CASES:
        case_id, surface, start, optimizer, params, schedule, steps = case
        out = run(case, start)
        nudged = run(case, [math.nextafter(start[0], math.inf), start[1]])
        n = min(len(out['trajectory']), len(nudged['trajectory']))
        sensitivity = max(
            (abs(a - b) / max(1, abs(b)) for r, s in zip(out['trajectory'][:n], nudged['trajectory'][:n]) for a, b in zip(r, s)
             if math.isfinite(a) and math.isfinite(b)),
            default=0.0,
        )
        entry = {
            'id': case_id, 'surface': surface, 'formula': SURFACES[surface], 'optimizer': optimizer,
            'params': params, 'start': start, 'steps': steps,
        }
        if schedule:
            entry['schedule'] = schedule
        entry['trajectory'] = [[finite_or_none(v) for v in row] for row in out['trajectory']]
        entry['loss'] = [finite_or_none(v) for v in out['loss']]
        entry['lr'] = out['lr']
        if cycled_momentum(schedule):
            entry['momentum'] = out['momentum']
        entry['evaluations'] = out['evaluations']
        entry['diverged_at'] = out['diverged_at']
        entry['sensitivity_1ulp'] = sensitivity
        cases.append(entry)
    path = os.path.join(here, 'own-schedules.json')
    with open(path, 'w') as handle:
        json.dump(cases, handle, indent=1)
        handle.write('\n')
    print(f'wrote {len(cases)} cases to {path}')


if __name__ == '__main__':
    main()
