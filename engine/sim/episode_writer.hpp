// episodes.csv: one row per IT-loss episode with its chain of faults (models/power/
// episode_recorder.hpp), written to a temporary file next to the target and renamed over it when
// the run has ended, so a reader never sees half a file and a failed run leaves none.
#pragma once

#include "models/power/episode_recorder.hpp"

#include <cstdio>
#include <string>

namespace aidcsim {

class EpisodeWriter {
public:
  // Throws std::runtime_error naming the path when the temporary file cannot be created.
  explicit EpisodeWriter(std::string path);
  ~EpisodeWriter(); // removes the temporary file unless committed
  EpisodeWriter(const EpisodeWriter&) = delete;
  EpisodeWriter& operator=(const EpisodeWriter&) = delete;

  // Sends every episode the recorder finishes to the file.
  void attach(power::EpisodeRecorder& recorder);
  // Flushes and renames the file over the target; throws std::runtime_error when a write failed.
  void commit();
  long rows() const { return rows_; }

private:
  void add(const power::Episode& e, const power::EpisodeRecorder& recorder);

  std::string path_, temp_;
  std::FILE* file_ = nullptr;
  bool failed_ = false, committed_ = false;
  long rows_ = 0;
};

} // namespace aidcsim
