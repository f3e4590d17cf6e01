#include "engine/results/pareto.hpp"

#include <boost/math/distributions/students_t.hpp>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <stdexcept>

namespace aidcsim {

std::vector<std::size_t> pareto_front(const std::vector<ParetoCandidate>& candidates) {
  std::vector<std::size_t> order(candidates.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    const ParetoCandidate& x = candidates[a];
    const ParetoCandidate& y = candidates[b];
    return x.cost != y.cost ? x.cost < y.cost : x.value > y.value;
  });
  // By cost ascending, a candidate is on the front when it is worth strictly more than every
  // cheaper-or-equal one before it.
  std::vector<std::size_t> front;
  for (const std::size_t i : order)
    if (front.empty() || candidates[i].value > candidates[front.back()].value)
      front.push_back(i);
  return front;
}

Difference difference(const std::vector<double>& a, const std::vector<double>& b) {
  if (a.size() < 2 || b.size() < 2)
    throw std::invalid_argument("difference: each design needs at least two replications");
  const Summary sa = summarize(a);
  const Summary sb = summarize(b);
  Difference d;
  d.mean = sb.mean - sa.mean;
  if (a.size() == b.size()) {
    std::vector<double> diff(a.size());
    for (std::size_t r = 0; r < a.size(); ++r)
      diff[r] = b[r] - a[r];
    d.paired = summarize(diff);
  }
  const double va = sa.sd * sa.sd, vb = sb.sd * sb.sd;
  d.unpaired_sd = std::sqrt(va + vb);
  const double na = static_cast<double>(sa.n), nb = static_cast<double>(sb.n);
  const double se2 = va / na + vb / nb;
  if (se2 > 0) {
    // Welch-Satterthwaite degrees of freedom.
    const double dof = se2 * se2 / (va * va / (na * na * (na - 1)) + vb * vb / (nb * nb * (nb - 1)));
    d.unpaired_ci95_half = boost::math::quantile(boost::math::students_t(dof), 0.975) * std::sqrt(se2);
  }
  return d;
}

} // namespace aidcsim
