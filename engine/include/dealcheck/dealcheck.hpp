// The dealcheck library: load a deal, ask it questions, render the answers.
#pragma once

#include "dealcheck/answer.hpp"
#include "dealcheck/deal.hpp"
#include "dealcheck/diagnostic.hpp"
#include "dealcheck/question.hpp"
#include "dealcheck/render.hpp"
#include "dealcheck/value.hpp"
#include "dealcheck/vocabulary.hpp"
