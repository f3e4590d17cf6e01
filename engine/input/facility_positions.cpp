#include "engine/input/facility_positions.hpp"

#include <stdexcept>

namespace aidcsim {

std::uint16_t FacilityPositions::index_in(std::vector<std::string>& words, const std::string& word) {
  for (std::size_t i = 0; i < words.size(); ++i)
    if (words[i] == word)
      return static_cast<std::uint16_t>(i);
  // Field names are the readers' few keys and a scenario has one file.
  if (words.size() == 0xffff)
    throw std::logic_error("FacilityPositions: more than 65535 field names or files");
  words.push_back(word);
  return static_cast<std::uint16_t>(words.size() - 1);
}

void FacilityPositions::note(const std::string& id, const std::string& field, const SourcePos& pos) {
  const std::uint16_t f = index_in(fields_, field);
  std::vector<Note>& notes = by_id_[id];
  for (const Note& n : notes)
    if (n.field == f)
      return;
  notes.push_back(Note{f, index_in(files_, pos.file), pos.line, pos.column});
}

const FacilityPositions::Note* FacilityPositions::first_of(const std::string& id,
                                                           const std::string* field) const {
  const auto it = by_id_.find(id);
  if (it == by_id_.end() || it->second.empty())
    return nullptr;
  if (field == nullptr)
    return &it->second.front();
  for (const Note& n : it->second)
    if (fields_[n.field] == *field)
      return &n;
  return nullptr;
}

SourcePos FacilityPositions::of(const std::string& id, const std::string& field) const {
  if (const Note* n = first_of(id, &field))
    return position(*n);
  if (const Note* n = first_of(id, nullptr))
    return position(*n);
  return {};
}

std::optional<SourcePos> FacilityPositions::find(const std::string& id) const {
  if (const Note* n = first_of(id, nullptr))
    return position(*n);
  return std::nullopt;
}

std::optional<SourcePos> FacilityPositions::find(const std::string& id, const std::string& field) const {
  if (const Note* n = first_of(id, &field))
    return position(*n);
  return std::nullopt;
}

} // namespace aidcsim
