/**
 * Each optimizer's update as torch.optim's documentation writes it (one step, t = 1, 2, …, with
 * g_t the gradient after `maximize` and L2 weight decay), as KaTeX source. These are our constants,
 * never user text. `symbols` ties each Greek letter to the torch hyperparameter it stands for, so
 * the card can show its current value beside the formula.
 */

export interface UpdateRule {
  latex: string;
  /** [symbol as people read it, torch hyperparameter name]. */
  symbols: readonly (readonly [string, string])[];
}

const GRADIENT = String.raw`g_t &\leftarrow \nabla_{\theta} f_t(\theta_{t-1}) + \lambda\,\theta_{t-1}`;
const ADAM_MOMENTS = String.raw`m_t &\leftarrow \beta_1 m_{t-1} + (1 - \beta_1)\, g_t \\
v_t &\leftarrow \beta_2 v_{t-1} + (1 - \beta_2)\, g_t^2 \\
\hat m_t &\leftarrow m_t / (1 - \beta_1^{\,t}) \\
\hat v_t &\leftarrow v_t / (1 - \beta_2^{\,t}) \quad \big(\text{amsgrad: } \hat v_t \leftarrow \max(\hat v_{t-1}, \hat v_t)\big)`;
const ADAM_STEP = String.raw`\theta_t &\leftarrow \theta_{t-1} - \gamma\, \frac{\hat m_t}{\sqrt{\hat v_t} + \epsilon}`;

function aligned(...lines: string[]): string {
  return String.raw`\begin{aligned}` + lines.join(String.raw` \\ `) + String.raw`\end{aligned}`;
}

const LR = ['γ', 'lr'] as const;
const WEIGHT_DECAY = ['λ', 'weight_decay'] as const;
const EPS = ['ε', 'eps'] as const;
const BETAS = ['β₁, β₂', 'betas'] as const;

export const UPDATE_RULES: Readonly<Record<string, UpdateRule>> = {
  SGD: {
    latex: aligned(
      GRADIENT,
      String.raw`b_t &\leftarrow \mu\, b_{t-1} + (1 - \tau)\, g_t \quad (b_1 = g_1)`,
      String.raw`d_t &\leftarrow \begin{cases} g_t + \mu\, b_t & \text{nesterov} \\ b_t & \mu \neq 0 \\ g_t & \mu = 0 \end{cases}`,
      String.raw`\theta_t &\leftarrow \theta_{t-1} - \gamma\, d_t`,
    ),
    symbols: [LR, ['μ', 'momentum'], ['τ', 'dampening'], WEIGHT_DECAY],
  },
  Adagrad: {
    latex: aligned(
      String.raw`\tilde\gamma &\leftarrow \gamma / \big(1 + (t - 1)\,\eta\big)`,
      GRADIENT,
      String.raw`s_t &\leftarrow s_{t-1} + g_t^2 \quad (s_0 = \text{initial\_accumulator\_value})`,
      String.raw`\theta_t &\leftarrow \theta_{t-1} - \tilde\gamma\, \frac{g_t}{\sqrt{s_t} + \epsilon}`,
    ),
    symbols: [LR, ['η', 'lr_decay'], EPS, WEIGHT_DECAY],
  },
  RMSprop: {
    latex: aligned(
      GRADIENT,
      String.raw`v_t &\leftarrow \alpha\, v_{t-1} + (1 - \alpha)\, g_t^2`,
      String.raw`\tilde v_t &\leftarrow v_t - \bar g_t^{\,2},\ \ \bar g_t \leftarrow \alpha \bar g_{t-1} + (1 - \alpha)\, g_t \quad (\text{centered; else } \tilde v_t = v_t)`,
      String.raw`b_t &\leftarrow \mu\, b_{t-1} + \frac{g_t}{\sqrt{\tilde v_t} + \epsilon}`,
      String.raw`\theta_t &\leftarrow \theta_{t-1} - \gamma\, b_t \quad \Big(\mu = 0\text{: } \theta_t \leftarrow \theta_{t-1} - \gamma\, \frac{g_t}{\sqrt{\tilde v_t} + \epsilon}\Big)`,
    ),
    symbols: [LR, ['α', 'alpha'], EPS, ['μ', 'momentum'], WEIGHT_DECAY],
  },
  Adam: {
    latex: aligned(GRADIENT, ADAM_MOMENTS, ADAM_STEP),
    symbols: [LR, BETAS, EPS, WEIGHT_DECAY],
  },
  AdamW: {
    latex: aligned(
      String.raw`g_t &\leftarrow \nabla_{\theta} f_t(\theta_{t-1})`,
      String.raw`\theta_{t-1} &\leftarrow \theta_{t-1} - \gamma \lambda\, \theta_{t-1}`,
      ADAM_MOMENTS,
      ADAM_STEP,
    ),
    symbols: [LR, BETAS, EPS, WEIGHT_DECAY],
  },
  Adadelta: {
    latex: aligned(
      GRADIENT,
      String.raw`v_t &\leftarrow \rho\, v_{t-1} + (1 - \rho)\, g_t^2`,
      String.raw`\Delta x_t &\leftarrow \frac{\sqrt{u_{t-1} + \epsilon}}{\sqrt{v_t + \epsilon}}\, g_t`,
      String.raw`u_t &\leftarrow \rho\, u_{t-1} + (1 - \rho)\, \Delta x_t^2`,
      String.raw`\theta_t &\leftarrow \theta_{t-1} - \gamma\, \Delta x_t`,
    ),
    symbols: [LR, ['ρ', 'rho'], EPS, WEIGHT_DECAY],
  },
  Adamax: {
    latex: aligned(
      GRADIENT,
      String.raw`m_t &\leftarrow \beta_1 m_{t-1} + (1 - \beta_1)\, g_t`,
      String.raw`u_t &\leftarrow \max\big(\beta_2 u_{t-1},\ |g_t| + \epsilon\big)`,
      String.raw`\theta_t &\leftarrow \theta_{t-1} - \frac{\gamma}{1 - \beta_1^{\,t}}\, \frac{m_t}{u_t}`,
    ),
    symbols: [LR, BETAS, EPS, WEIGHT_DECAY],
  },
  NAdam: {
    latex: aligned(
      GRADIENT,
      String.raw`\mu_t &\leftarrow \beta_1 \big(1 - \tfrac12\, 0.96^{\,t\psi}\big), \quad \mu_{t+1} \leftarrow \beta_1 \big(1 - \tfrac12\, 0.96^{\,(t+1)\psi}\big)`,
      String.raw`m_t &\leftarrow \beta_1 m_{t-1} + (1 - \beta_1)\, g_t`,
      String.raw`v_t &\leftarrow \beta_2 v_{t-1} + (1 - \beta_2)\, g_t^2`,
      String.raw`\hat m_t &\leftarrow \frac{\mu_{t+1}\, m_t}{1 - \prod_{i=1}^{t+1} \mu_i} + \frac{(1 - \mu_t)\, g_t}{1 - \prod_{i=1}^{t} \mu_i}`,
      String.raw`\hat v_t &\leftarrow v_t / (1 - \beta_2^{\,t})`,
      String.raw`\theta_t &\leftarrow \theta_{t-1} - \gamma\, \frac{\hat m_t}{\sqrt{\hat v_t} + \epsilon}`,
    ),
    symbols: [LR, BETAS, EPS, ['ψ', 'momentum_decay'], WEIGHT_DECAY],
  },
  RAdam: {
    latex: aligned(
      GRADIENT,
      String.raw`m_t &\leftarrow \beta_1 m_{t-1} + (1 - \beta_1)\, g_t, \quad \hat m_t \leftarrow m_t / (1 - \beta_1^{\,t})`,
      String.raw`v_t &\leftarrow \beta_2 v_{t-1} + (1 - \beta_2)\, g_t^2`,
      String.raw`\rho_\infty &\leftarrow \frac{2}{1 - \beta_2} - 1, \quad \rho_t \leftarrow \rho_\infty - \frac{2t\,\beta_2^{\,t}}{1 - \beta_2^{\,t}}`,
      String.raw`\theta_t &\leftarrow \begin{cases} \theta_{t-1} - \gamma\, \hat m_t\, r_t\, \dfrac{\sqrt{1 - \beta_2^{\,t}}}{\sqrt{v_t} + \epsilon}, \ r_t = \sqrt{\dfrac{(\rho_t - 4)(\rho_t - 2)\rho_\infty}{(\rho_\infty - 4)(\rho_\infty - 2)\rho_t}} & \rho_t > 5 \\[4pt] \theta_{t-1} - \gamma\, \hat m_t & \text{otherwise} \end{cases}`,
    ),
    symbols: [LR, BETAS, EPS, WEIGHT_DECAY],
  },
  Rprop: {
    latex: aligned(
      String.raw`g_t &\leftarrow \nabla_{\theta} f_t(\theta_{t-1}), \quad s_0 = \gamma`,
      String.raw`s_t &\leftarrow \begin{cases} \min(\eta_+\, s_{t-1}, \Gamma_{\max}) & g_t\, g_{t-1} > 0 \\ \max(\eta_-\, s_{t-1}, \Gamma_{\min}),\ \ g_t \leftarrow 0 & g_t\, g_{t-1} < 0 \\ s_{t-1} & \text{otherwise} \end{cases}`,
      String.raw`\theta_t &\leftarrow \theta_{t-1} - s_t\, \operatorname{sign}(g_t)`,
    ),
    symbols: [LR, ['η₋, η₊', 'etas'], ['Γmin, Γmax', 'step_sizes']],
  },
  ASGD: {
    latex: aligned(
      String.raw`g_t &\leftarrow \nabla_{\theta} f_t(\theta_{t-1}) + \omega\, \theta_{t-1}, \quad \eta_1 = \gamma, \ \mu_1 = 1`,
      String.raw`\theta_t &\leftarrow \theta_{t-1}(1 - \lambda \eta_t) - \eta_t\, g_t`,
      String.raw`\bar\theta_t &\leftarrow \begin{cases} \theta_t & \mu_t = 1 \\ \bar\theta_{t-1} + \mu_t (\theta_t - \bar\theta_{t-1}) & \text{otherwise} \end{cases}`,
      String.raw`\eta_{t+1} &\leftarrow \gamma / (1 + \lambda \gamma t)^{\alpha}, \quad \mu_{t+1} \leftarrow 1 / \max(1, t - t_0)`,
    ),
    symbols: [LR, ['λ', 'lambd'], ['α', 'alpha'], ['t₀', 't0'], ['ω', 'weight_decay']],
  },
  LBFGS: {
    latex: aligned(
      String.raw`&\text{up to } n \text{ iterations per step, each:}`,
      String.raw`d &\leftarrow -H g \quad (H: \text{inverse Hessian from the last } m \text{ pairs } s_i = \Delta\theta_i,\ y_i = \Delta g_i)`,
      String.raw`t &\leftarrow \gamma \quad (\text{strong\_wolfe: a line search from } \gamma)`,
      String.raw`\theta &\leftarrow \theta + t\, d`,
    ),
    symbols: [LR, ['n', 'max_iter'], ['m', 'history_size']],
  },
  Newton: {
    latex: aligned(
      String.raw`g_t &\leftarrow \nabla_{\theta} f(\theta_{t-1}), \quad H_t \leftarrow \nabla^2_{\theta} f(\theta_{t-1})`,
      String.raw`\theta_t &\leftarrow \theta_{t-1} - \gamma\, (H_t + \lambda I)^{-1} g_t \quad (\text{singular: } \theta_t \leftarrow \theta_{t-1} - \gamma\, g_t)`,
    ),
    symbols: [LR, ['λ', 'damping']],
  },
  PerturbedGD: {
    latex: aligned(
      String.raw`g_t &\leftarrow \nabla_{\theta} f(\theta_{t-1})`,
      String.raw`\theta_t &\leftarrow \begin{cases} \theta_{t-1} + \xi_t,\ \ \xi_t \sim \mathcal{U}(\text{disk of radius } r),\ \ t_0 \leftarrow t & \lVert g_t \rVert < \delta \text{ and } t - t_0 > k \\ \theta_{t-1} - \gamma\, g_t & \text{otherwise} \end{cases}`,
    ),
    symbols: [LR, ['δ', 'threshold'], ['r', 'radius'], ['k', 'interval']],
  },
  DistributedSGD: {
    latex: aligned(
      String.raw`g^{(k)}_t &\leftarrow \text{worker } k\text{'s minibatch gradient at } \theta_{t-1}, \quad k = 1 \dots K`,
      String.raw`e^{(k)}_t &\leftarrow e^{(k)}_{t-1} + g^{(k)}_t \quad (\text{what worker } k \text{ has not sent yet})`,
      String.raw`s^{(k)}_t &\leftarrow \text{the coordinates of } e^{(k)}_t \text{ with } |e| \ge \tau \ (\text{or the top } k)\text{; those are reset to } 0`,
      String.raw`\theta_t &\leftarrow \theta_{t-1} - \gamma \sum_{k=1}^{K} w_k\, s^{(k)}_t`,
    ),
    symbols: [LR, ['K', 'workers'], ['τ', 'threshold'], ['top k', 'top_k'], ['B', 'batch_size']],
  },
};
