set encoding utf8
set terminal pngcairo enhanced size 1800,850 font 'Sans,12'
# outfile is defined by the program that renders the figure; by hand: plot.png
if (!exists("outfile")) outfile = 'plot.png'
set output outfile
set datafile separator comma
set grid
set tmargin 2.5
set key below left Left reverse noenhanced font 'Sans,10' samplen 3 spacing 1.1 maxcols 2 height 1
set offsets graph 0.03, graph 0.03, graph 0.05, graph 0.05
set multiplot layout 1,2 title "strasman24_w2_literal_mixture: Strasman et al. 2024 refined W2 bound on a symmetric pair of Gaussians, constants of pi_t (literal reading)\nseed 003 (Strasman et al. 2024, noise-schedule slides), slide 'Refined Wasserstein bound'; Strasman, Ocello, Boyer, Le Corff, Lemaire, arXiv:2402.04650\nsolid, filled dots: exact W2(data, sampler output)     dashed: bound     red ring: violated     black x: hypotheses fail" noenhanced font 'Sans,12'
unset logscale
set format x '% h'
set format y '% h'
set autoscale
set xtics autofreq
set ytics autofreq
set xlabel "number of steps N  (pair a = 2, s^2 = 0.25: not log-concave; beta = 2, sigma^2 = 1, T = 1)" noenhanced
set ylabel "W2(data, sampler output)" noenhanced
set logscale x
set mxtics default
set format x '%g'
set xtics (10, 20, 50, 100, 200, 500)
set autoscale fix
set logscale y
set mytics default
set format y '10^{%L}'
plot 'data.csv' index 0 using 1:2 with linespoints lw 2 pt 7 ps 0.8 lc rgb '#0072B2' title 'ei (printed), bimodal a=2 s2=0.25, beta=2', \
     '' index 0 using 1:($4 > 0 ? $3 : 1/0) with lines lw 2 dt 2 lc rgb '#0072B2' notitle, \
     '' index 0 using 1:($5 > 0 ? $2 : 1/0) with points pt 6 ps 2.2 lw 2 lc rgb 'red' notitle, \
     '' index 0 using 1:($6 > 0 ? $2 : 1/0) with points pt 2 ps 1.8 lw 2 lc rgb 'black' notitle, \
     'data.csv' index 1 using 1:2 with linespoints lw 2 pt 7 ps 0.8 lc rgb '#E69F00' title 'eir, bimodal a=2 s2=0.25, beta=2 (bound shared)', \
     '' index 1 using 1:($5 > 0 ? $2 : 1/0) with points pt 6 ps 2.2 lw 2 lc rgb 'red' notitle, \
     '' index 1 using 1:($6 > 0 ? $2 : 1/0) with points pt 2 ps 1.8 lw 2 lc rgb 'black' notitle
unset logscale
set format x '% h'
set format y '% h'
set autoscale
set xtics autofreq
set ytics autofreq
set xlabel "number of steps N  (pair a = 2, s^2 = 9: log-concave, wide; beta = 1, sigma^2 = 1, T = 1)" noenhanced
set ylabel "W2(data, sampler output)" noenhanced
set logscale x
set mxtics default
set format x '%g'
set xtics (10, 20, 50, 100, 200, 500)
set autoscale fix
plot 'data.csv' index 2 using 1:2 with linespoints lw 2 pt 7 ps 0.8 lc rgb '#0072B2' title 'ei (printed), log-concave a=2 s2=9, beta=1', \
     '' index 2 using 1:($4 > 0 ? $3 : 1/0) with lines lw 2 dt 2 lc rgb '#0072B2' notitle, \
     '' index 2 using 1:($5 > 0 ? $2 : 1/0) with points pt 6 ps 2.2 lw 2 lc rgb 'red' notitle, \
     '' index 2 using 1:($6 > 0 ? $2 : 1/0) with points pt 2 ps 1.8 lw 2 lc rgb 'black' notitle, \
     'data.csv' index 3 using 1:2 with linespoints lw 2 pt 7 ps 0.8 lc rgb '#E69F00' title 'eir, log-concave a=2 s2=9, beta=1 (bound shared)', \
     '' index 3 using 1:($5 > 0 ? $2 : 1/0) with points pt 6 ps 2.2 lw 2 lc rgb 'red' notitle, \
     '' index 3 using 1:($6 > 0 ? $2 : 1/0) with points pt 2 ps 1.8 lw 2 lc rgb 'black' notitle
unset multiplot
