#include "engine/sim/episode_writer.hpp"

#include "engine/base/csv_field.hpp"

#include <cstdio>

namespace aidcsim {
namespace {

constexpr const char* header = "chain_start_s,it_lost_s,end_s,it_downtime_min,racks_lost,first_cause,"
                               "first_component,last_cause,last_component,weight,chain\n";

} // namespace

EpisodeWriter::EpisodeWriter(std::string path, const std::string& preamble) : file_(std::move(path)) {
  if (std::fputs(preamble.c_str(), file_.get()) < 0 || std::fputs(header, file_.get()) < 0)
    file_.mark_failed();
}

void EpisodeWriter::attach(power::EpisodeRecorder& recorder) {
  recorder.on_episode = [this, &recorder](const power::Episode& e) { add(e, recorder); };
}

void EpisodeWriter::add(const power::Episode& e, const power::EpisodeRecorder& recorder) {
  const auto& causes = recorder.causes();
  const int n = std::fprintf(
      file_.get(), "%.17g,%.17g,%.17g,%.17g,%d,%s,%s,%s,%s,%.17g,%s\n", e.chain_start_s, e.it_lost_s, e.end_s,
      e.it_downtime_min, e.racks_lost, csv_field(causes[static_cast<std::size_t>(e.first_cause)]).c_str(),
      csv_field(e.first_component).c_str(), csv_field(causes[static_cast<std::size_t>(e.last_cause)]).c_str(),
      csv_field(e.last_component).c_str(), e.weight, csv_field(e.chain).c_str());
  if (n < 0)
    file_.mark_failed();
  ++rows_;
}

void EpisodeWriter::commit() {
  file_.commit("the episodes");
}

} // namespace aidcsim
