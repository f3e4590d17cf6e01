#include "test/reference/ctmc.hpp"

#include <cstddef>
#include <numeric>
#include <stdexcept>

namespace aidcsim::reference {

std::vector<double> steady_state(std::vector<std::vector<double>> p) {
  const std::size_t n = p.size();
  if (n == 0)
    throw std::invalid_argument("steady_state: no states");
  // Eliminate states n-1 .. 1: their flows are redistributed over the states that remain.
  std::vector<double> out_rate(n, 0.0);
  for (std::size_t k = n - 1; k > 0; --k) {
    double s = 0;
    for (std::size_t j = 0; j < k; ++j)
      s += p[k][j];
    if (!(s > 0))
      throw std::invalid_argument("steady_state: the chain is not irreducible");
    out_rate[k] = s;
    for (std::size_t i = 0; i < k; ++i) {
      if (p[i][k] == 0)
        continue;
      const double f = p[i][k] / s;
      for (std::size_t j = 0; j < k; ++j)
        if (j != i)
          p[i][j] += f * p[k][j];
    }
  }
  // Back substitution: pi_k = sum_{i<k} pi_i p[i][k] / out_rate[k].
  std::vector<double> pi(n, 0.0);
  pi[0] = 1.0;
  for (std::size_t k = 1; k < n; ++k) {
    double in = 0;
    for (std::size_t i = 0; i < k; ++i)
      in += pi[i] * p[i][k];
    pi[k] = in / out_rate[k];
  }
  const double total = std::accumulate(pi.begin(), pi.end(), 0.0);
  for (double& x : pi)
    x /= total;
  return pi;
}

namespace {

int states_of(const MarkovComponent& c) {
  return c.arrivals ? c.max_active + 1 : 2;
}

// The rate at which component c goes from state a to state b (a != b).
double rate(const MarkovComponent& c, int a, int b) {
  if (!c.arrivals)
    return a == 0 && b == 1 ? c.failure_per_s : (a == 1 && b == 0 ? c.repair_per_s : 0.0);
  if (b == a + 1)
    return c.failure_per_s; // one more outage (none past the truncation)
  if (b == a - 1)
    return a * c.repair_per_s; // each active outage ends at its own rate
  return 0.0;
}

} // namespace

double probability_down(const std::vector<MarkovComponent>& components,
                        const std::function<bool(const std::vector<int>&)>& down) {
  std::vector<int> radix;
  std::size_t n = 1;
  for (const auto& c : components) {
    radix.push_back(states_of(c));
    n *= static_cast<std::size_t>(radix.back());
  }
  auto decode = [&](std::size_t index) {
    std::vector<int> s(components.size());
    for (std::size_t k = 0; k < components.size(); ++k) {
      s[k] = static_cast<int>(index % static_cast<std::size_t>(radix[k]));
      index /= static_cast<std::size_t>(radix[k]);
    }
    return s;
  };
  // Independent components: one changes state at a time.
  std::vector<std::vector<double>> q(n, std::vector<double>(n, 0.0));
  for (std::size_t i = 0; i < n; ++i) {
    const std::vector<int> s = decode(i);
    std::size_t stride = 1;
    for (std::size_t k = 0; k < components.size(); ++k) {
      for (int b = 0; b < radix[k]; ++b)
        if (b != s[k]) {
          const auto j = static_cast<std::ptrdiff_t>(i) + (b - s[k]) * static_cast<std::ptrdiff_t>(stride);
          q[i][static_cast<std::size_t>(j)] = rate(components[k], s[k], b);
        }
      stride *= static_cast<std::size_t>(radix[k]);
    }
  }
  const std::vector<double> pi = steady_state(std::move(q));
  double p = 0;
  for (std::size_t i = 0; i < n; ++i)
    if (down(decode(i)))
      p += pi[i];
  return p;
}

} // namespace aidcsim::reference
